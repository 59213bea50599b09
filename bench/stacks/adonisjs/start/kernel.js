import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

server.use([])
router.use([() => import('@adonisjs/core/bodyparser_middleware')])

/** Named, so that the plain page runs without it: the session middleware sets its cookie on every request it runs for. */
export const middleware = router.named({
  session: () => import('@adonisjs/session/session_middleware'),
})
