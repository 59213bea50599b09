/** Where a booted app listens, and the line that says so: shared by serve, the dev server and cluster workers. */
import type http from 'node:http'
import { serverUrl, type Application } from '../application'

export interface ListenAddress {
  host: string
  port: number
}

/** --port wins; then config/app.ts (http.port, http.host), which reads PORT and HOST; then 3333 on 127.0.0.1. */
export function listenAddress (app: Application, port?: number): ListenAddress {
  return {
    host: app.config.get<string>('app.http.host', process.env.HOST || '127.0.0.1'),
    port: port ?? Number(app.config.get('app.http.port', process.env.PORT || 3333)),
  }
}

/** What a listening app tells the one who started it. */
export interface ServingInfo {
  url: string
  mode: 'production' | 'development'
  driver: string
}

export function servingInfo (app: Application, server: http.Server): ServingInfo {
  return { url: serverUrl(server), mode: app.production ? 'production' : 'development', driver: app.sessions.config.driver }
}

/** A clearer message for the errors listen() fails with. */
export function listenFailure (error: NodeJS.ErrnoException, address: ListenAddress): string {
  if (error.code === 'EADDRINUSE') {
    return `port ${address.port} on ${address.host} is already in use: stop the other server, or choose another port with --port N (or PORT in .env)`
  }
  if (error.code === 'EACCES') return `no permission to listen on port ${address.port}: choose a port above 1023 with --port N`
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') return `cannot listen on host '${address.host}': check HOST in .env`
  return `cannot listen on ${address.host}:${address.port}: ${error.message}`
}
