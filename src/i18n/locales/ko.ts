/** Korean UI strings: the same keys as English (the type makes sure none is missing). */
import type { Strings } from './en'
import { classroomKo } from './classroom.ko'
import { commonKo } from './common.ko'

export const ko: Strings = { ...commonKo, classroom: classroomKo }
