import { exposeStore } from 'logbook/worker';
import { taskDomain } from './taskDomain';

exposeStore(taskDomain);
