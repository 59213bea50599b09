import type { Request, Response } from 'adonis-lite'

/**
 * GET /health, for load balancers and uptime checks: 200 while the app can serve, 503 when the
 * session store cannot (Redis down, a session folder it cannot write). Add your own checks here
 * (a database ping, say).
 */
export default class HealthController {
  async show (request: Request, response: Response) {
    try {
      await request.session.ping()
    } catch (error) {
      return response.status(503).json({ status: 'unavailable', sessions: (error as Error).message })
    }
    response.json({ status: 'ok' })
  }
}
