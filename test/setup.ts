import {afterAll} from 'vitest';
import {removeWorlds} from './e2e/harness.js';

// Every test file removes the temporary worlds (HOME, workspace, records) it made.
afterAll(() => removeWorlds());
