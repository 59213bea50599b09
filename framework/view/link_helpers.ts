/**
 * `linkTo` and `linkToAction`, AdonisJs 3's anchors to a route:
 * {{ linkTo('profile', 'View profile', { id: 1 }, '_blank') }} and
 * {{ linkToAction('ProfileController.show', 'View profile', { id: 1 }) }}. The URL comes from
 * the environment's route and action filters, so the helpers hold no request state and live
 * on the shared environment. The text is escaped unless marked safe.
 */
import type nunjucks from 'nunjucks'
import { contentOf, isBlank, renderAttributes, safe, type Html } from './form_html'

type UrlFilter = (identifier: string, params?: Record<string, unknown>) => string

export function addLinkHelpers (env: nunjucks.Environment): void {
  env.addGlobal('linkTo', linkWith(env, 'route'))
  env.addGlobal('linkToAction', linkWith(env, 'action'))
}

function linkWith (env: nunjucks.Environment, filter: 'route' | 'action') {
  return (identifier: string, text?: unknown, params?: Record<string, unknown>, target?: string): Html => {
    const href = (env.getFilter(filter) as UrlFilter)(identifier, params ?? {})
    return safe(`<a${renderAttributes({ href, target: isBlank(target) ? undefined : target })}>${contentOf(isBlank(text) ? href : text)}</a>`)
  }
}
