import type { Dictionary } from '../en';
import { admin } from './admin';
import { common } from './common';
import { counter } from './counter';
import { feedback } from './feedback';
import { guest } from './guest';
import { kiosk } from './kiosk';
import { kitchen } from './kitchen';
import { ordering } from './ordering';
import { printing } from './printing';
import { reports } from './reports';
import { setup } from './setup';
import { shift } from './shift';
import { tables } from './tables';

/** The German texts, one file per area like the English ones. */
export const de: Dictionary = { ...common, ...ordering, ...counter, ...kitchen, ...kiosk, ...admin, ...reports, ...setup, ...shift, ...feedback, ...guest, ...printing, ...tables };
