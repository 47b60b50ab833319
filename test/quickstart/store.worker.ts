import { exposeStore } from 'logbook/worker';
import { counterDomain } from './domain';

exposeStore(counterDomain);
