import type { Request, Response } from 'express';
import { retryRefusalStatus } from '../retry-imports.js';
import type { SupportDependencies } from '../operator-dependencies.js';
import { detailPage, loadImport } from './detail-page.js';
import { pagePath } from './html-values.js';
import { currentOperator } from './session.js';

/** `POST /support/imports/:importId/retry`: starts the retry, then back to the detail page (or why not). */
export function retryOne(deps: SupportDependencies) {
  return async (req: Request, res: Response): Promise<void> => {
    const importId = String(req.params['importId']);
    const operator = currentOperator(res);
    const result = await deps.retry.retryOne(importId, operator.name);
    if (!result.refused) {
      res.redirect(303, `${pagePath('imports', importId)}?retry=started`);
      return;
    }
    const view = await loadImport(deps, importId);
    res
      .status(retryRefusalStatus[result.code])
      .send(detailPage(view, operator, { kind: 'error', text: result.message }));
  };
}
