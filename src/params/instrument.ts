import type { ParamMatcher } from '@sveltejs/kit';
import { isInstrumentSlug } from '$lib/evaluation';

// facility | visits | surveys: the three instruments' record lists and entry forms.
export const match: ParamMatcher = (param) => isInstrumentSlug(param);
