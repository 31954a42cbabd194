import express, { type Router } from 'express';
import type { SupportDependencies } from '../operator-dependencies.js';
import { bulkRetry, bulkRetryDryRun } from './bulk-retry-page.js';
import { importDetail } from './detail-page.js';
import { pageErrors, pageNotFound } from './error-page.js';
import { homePage } from './home-page.js';
import { overviewPage } from './overview-page.js';
import { login, logout } from './login.js';
import { pageHeaders } from './page-headers.js';
import { retryOne } from './retry-one.js';
import { rejectCrossSitePosts } from './same-origin.js';
import { requireScope, requireSignIn } from './session.js';
import { serveStylesheet } from './style.js';
import { timelinePage } from './timeline-page.js';
import { whereIsPage } from './where-is-page.js';

/** The support web page at `/support`: server-rendered HTML over the same reads and retries as the import API. */
export function supportPage(deps: SupportDependencies): Router {
  const pages = express.Router();
  const form = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 20 });
  const retry = requireScope('retry');

  pages.use(pageHeaders);
  pages.get('/style.css', serveStylesheet);
  pages.use(rejectCrossSitePosts);
  pages.post('/login', form, login(deps.tokens));
  pages.post('/logout', logout);

  pages.use(requireSignIn(deps.tokens));
  // Every page shows imports, plates or timelines: the same scope the API asks for them.
  pages.use(requireScope('read'));
  pages.get('/', homePage(deps));
  pages.get('/imports/:importId', importDetail(deps));
  pages.post('/imports/:importId/retry', retry, retryOne(deps));
  pages.get('/timeline/:garageId/:dmsNumber', timelinePage(deps));
  pages.get('/where-is', whereIsPage(deps));
  pages.get('/overview', overviewPage(deps));
  pages.get('/retry', retry, bulkRetryDryRun(deps));
  pages.post('/retry', retry, form, bulkRetry(deps));
  pages.use(pageNotFound);
  pages.use(pageErrors);

  const router = express.Router();
  router.use('/support', pages);
  return router;
}
