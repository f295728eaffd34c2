import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { MetricsService } from './metrics.service';

/**
 * Times every request until its response is sent. The route label is the matched pattern
 * ("/tasks/:id"), never the raw URL, so ids do not multiply the series; a request no route
 * matched is counted as "(unmatched)".
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const end = this.metrics.httpRequestDuration.startTimer();
    res.once('finish', () => {
      const pattern = (req.route as { path?: unknown } | undefined)?.path;
      end({ method: req.method, route: typeof pattern === 'string' ? pattern : '(unmatched)', status_code: String(res.statusCode) });
    });
    next();
  }
}
