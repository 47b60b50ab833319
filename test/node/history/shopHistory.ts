import fc from 'fast-check';
import { shopCommands } from '../../shopArbitraries';

/** A random history of up to 30 shop commands. */
export const shopHistory = fc.array(shopCommands(), { minLength: 1, maxLength: 30, size: 'max' });
