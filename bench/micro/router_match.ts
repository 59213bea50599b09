/**
 * Router.match against koa-router's own match, with 10 to 1,000 routes, the route asked for
 * defined last: `node --require tsx/cjs bench/micro/router_match.ts`. Nanoseconds per match,
 * params included; compare the two columns of one run, not runs of different days.
 */
import KoaRouter from 'koa-router'
import { Router } from '../../framework/routing/router'
import type { Verb } from '../../framework/routing/types'
import { fillerRoutes } from '../stacks/shared/routes'

const ROUNDS = 200_000

function time (match: () => unknown): number {
  for (let index = 0; index < 20_000; index++) match()
  const started = process.hrtime.bigint()
  for (let index = 0; index < ROUNDS; index++) match()
  return Number(process.hrtime.bigint() - started) / ROUNDS
}

for (const count of [10, 100, 300, 1000]) {
  const router = new Router<number>()
  // koa-router 14 ships no types; its match() is the one the index replaced.
  const reference = new KoaRouter() as unknown as { register (...args: unknown[]): unknown, match (path: string, method: string): unknown }
  const routes = [...fillerRoutes(count, 1), { method: 'GET', path: '/users/:id/show' }]
  routes.forEach(({ method, path }, index) => {
    router.add({ methods: [method as Verb], pattern: path, name: null, handler: `Handler${index}.run`, middleware: [], payload: index })
    reference.register(path, [method], () => {})
  })
  const indexed = time(() => router.match('GET', '/users/42/show'))
  const linear = time(() => reference.match('/users/42/show', 'GET'))
  console.log(`${String(count).padStart(5)} routes: Router.match ${indexed.toFixed(0).padStart(6)} ns, koa-router match ${linear.toFixed(0).padStart(7)} ns`)
}
