import type { DeviceCard } from '../types.js';
import type { PriceGridVersion, PriceSuggestion } from '../../../api/pricing/price-grid.store.js';
import type { LegalPriceCap } from '../../../api/pricing/legal-caps.js';

export type { PriceGridVersion, PriceSuggestion, LegalPriceCap };

/** A device as the reception desk's scan answers it: the card, with its category and suggested price for the partner (`pricing`). */
export type PricedDeviceCard = DeviceCard & { pricing?: PriceSuggestion | null };
