/** The part of koa-router (v14, which ships no types) that the router uses. */
declare module 'koa-router' {
  interface ParamName { name: string }

  class Layer {
    methods: string[]
    path: string
    paramNames: ParamName[]
    regexp: RegExp
  }

  class Router {
    constructor (options?: { sensitive?: boolean, strict?: boolean })
    register (path: string, methods: string[], middleware: (...args: any[]) => unknown, options?: { name?: string }): Layer
  }

  namespace Router { export type { Layer } }
  export = Router
}
