import i18n from '../../i18n';
import { hq as de } from '../../i18n/de/hq';
import { hq as en } from '../../i18n/en/hq';

// Head office's texts come with its screens' chunk, not in the counter's first load.
i18n.addResourceBundle('en', 'translation', en, true, false);
i18n.addResourceBundle('de', 'translation', de, true, false);

/** The namespace head office's screens word server errors in first (then `errors.codes`). */
export const HQ_ERRORS = 'hq.errors';
