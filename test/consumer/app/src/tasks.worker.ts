import { exposeStore } from 'logbook/worker';
import { tasksDomain } from './tasks';

exposeStore(tasksDomain);
