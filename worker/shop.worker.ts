import { shopDomain } from '../src/domain/shop';
import { exposeStore } from './transport/exposeStore';

/** The demo app's worker: the shop domain's store, served over Comlink. */
exposeStore(shopDomain);
