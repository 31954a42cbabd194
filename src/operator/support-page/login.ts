import type { Request, Response } from 'express';
import type { OperatorToken } from '../../config.js';
import { operatorFor } from '../operator-auth.js';
import { formText } from './form-input.js';
import { loginPage, safeNext } from './login-page.js';
import { endSession, startSession } from './session.js';

/** `POST /support/login`: a valid token signs the browser in; anything else shows the form again. */
export function login(tokens: readonly OperatorToken[]) {
  return (req: Request, res: Response): void => {
    const token = formText(req.body, 'token') ?? '';
    const next = safeNext(formText(req.body, 'next'));
    if (token === '' || operatorFor(tokens, token) === undefined) {
      res.status(401).send(loginPage({ next, error: 'That operator token is not valid. Check it and try again.' }));
      return;
    }
    startSession(req, res, token);
    res.redirect(303, next);
  };
}

/** `POST /support/logout`. */
export function logout(req: Request, res: Response): void {
  endSession(req, res);
  res.redirect(303, '/support');
}
