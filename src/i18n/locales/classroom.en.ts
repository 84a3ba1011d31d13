/** Strings of the scenario picker, lessons, challenges, sharing and the classroom modes. */
export const classroomEn = {
  language: 'Language',
}
