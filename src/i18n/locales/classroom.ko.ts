import type { classroomEn } from './classroom.en'

export const classroomKo: typeof classroomEn = {
  language: '언어',
}
