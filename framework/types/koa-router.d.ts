/** The part of koa-router (v14, which ships no types) that the router uses. */
declare module 'koa-router' {
  interface ParamName { name: string }

  class Layer {
    methods: string[]
    path: string
    name: string | null
    paramNames: ParamName[]
    match (path: string): boolean
    captures (path: string): string[]
    params (path: string, captures: string[], params?: Record<string, string>): Record<string, string>
    url (params: Record<string, string>): string
  }

  interface Matched {
    path: Layer[]
    pathAndMethod: Layer[]
    route: boolean
  }

  class Router {
    constructor (options?: { sensitive?: boolean, strict?: boolean })
    stack: Layer[]
    register (path: string, methods: string[], middleware: (...args: any[]) => unknown, options?: { name?: string }): Layer
    match (path: string, method: string): Matched
  }

  namespace Router { export type { Layer } }
  export = Router
}
