import { createLogbookReact } from 'logbook/react';
import type { tasksDomain } from './tasks';

/** The provider and hooks, typed from the domain (a type-only import: the domain stays in the worker). */
export const useTasks = createLogbookReact<typeof tasksDomain>();
