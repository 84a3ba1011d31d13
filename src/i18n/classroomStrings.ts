/**
 * The classroom's English strings (`classroom.*`: scenarios, lessons,
 * challenges, sharing). Only the classroom's own components use them, and
 * they load after the first paint, so these strings come with them: each of
 * those components imports this module, which adds them. (The Korean strings
 * are one chunk with everything, loaded when Korean is chosen.)
 */
import i18n from './index'
import { classroomEn } from './locales/classroom.en'

i18n.add('en', { classroom: classroomEn })
