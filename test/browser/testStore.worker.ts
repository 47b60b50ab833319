import { exposeStore } from '../../worker/transport/exposeStore';
import { testDomain } from '../conformance/testDomain';

exposeStore(testDomain);
