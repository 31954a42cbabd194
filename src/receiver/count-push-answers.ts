import type { NextFunction, Request, Response } from 'express';
import type { ImportMetrics } from '../metrics/import-metrics.js';

/** Counts every answer of the push endpoint and times it, once the answer has gone out. */
export function countPushAnswers(metrics: ImportMetrics, isKnownGarage: (garageId: string) => boolean) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const stopTimer = metrics.acceptSeconds.startTimer();
    res.on('finish', () => {
      stopTimer();
      const claimed = req.get('X-Carsys-Garage-Id') ?? '';
      const answer = typeof res.locals['answer'] === 'string' ? res.locals['answer'] : 'unknown';
      metrics.pushes.inc({
        status: String(res.statusCode),
        answer,
        garage: isKnownGarage(claimed) ? claimed : 'unknown',
      });
    });
    next();
  };
}
