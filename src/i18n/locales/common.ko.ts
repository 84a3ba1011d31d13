import type { commonEn } from './common.en'

export const commonKo: typeof commonEn = {
  app: { title: '쿠버네티스 Service 놀이터' },
}
