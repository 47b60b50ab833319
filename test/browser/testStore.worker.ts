import { testDomain } from '../../src/testing/conformance/testDomain';
import { exposeStore } from '../../worker/transport/exposeStore';

exposeStore(testDomain);
