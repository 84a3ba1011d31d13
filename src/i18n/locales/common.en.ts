/** Strings of the app chrome (header, console, player, tables, inspector, graph). */
export const commonEn = {
  app: { title: 'Kube Service Playground' },
}
