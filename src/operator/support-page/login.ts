import type { Request, Response } from 'express';
import type { OperatorToken } from '../../config.js';
import { checkOperatorToken } from '../operator-auth.js';
import { formText } from './form-input.js';
import { loginPage, safeNext } from './login-page.js';
import { endSession, startSession } from './session.js';

/** `POST /support/login`: a valid token signs the browser in; anything else shows the form again. */
export function login(tokens: readonly OperatorToken[]) {
  return async (req: Request, res: Response): Promise<void> => {
    const token = formText(req.body, 'token') ?? '';
    const next = safeNext(formText(req.body, 'next'));
    const operator = token === '' ? undefined : await checkOperatorToken(req, tokens, token, 'support_login');
    if (operator === undefined) {
      res.status(401).send(loginPage({ next, error: 'That operator token is not valid. Check it and try again.' }));
      return;
    }
    await startSession(req, res, { name: operator.name, scopes: operator.scopes });
    res.redirect(303, next);
  };
}

/** `POST /support/logout`: ends the session on the server too. */
export async function logout(req: Request, res: Response): Promise<void> {
  await endSession(req, res);
  res.redirect(303, '/support');
}
