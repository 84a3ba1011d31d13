/** English UI strings. Each area has its own file; this one merges them. */
import { classroomEn } from './classroom.en'
import { commonEn } from './common.en'

export const en = { ...commonEn, classroom: classroomEn }
export type Strings = typeof en
