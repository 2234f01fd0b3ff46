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

/** The English texts, one file per area (the keys are the same as in one object). */
export const en = { ...common, ...ordering, ...counter, ...kitchen, ...kiosk, ...admin, ...reports, ...setup, ...shift, ...feedback, ...guest, ...printing, ...tables };

export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
/** Every language has exactly these keys (tsc checks German against it). */
export type Dictionary = Widen<typeof en>;
