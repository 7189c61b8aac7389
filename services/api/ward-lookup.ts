// The ward of each patient, as the API's ward scoping sees it (issue 15). The patient registry
// (services/common/patient-registry.ts) implements it from the compacted patients topic.

export interface WardLookup { wardOf(patientId: string): string | undefined }

/** Nobody's ward is known: ward-restricted accounts see no patient. */
export const NO_WARDS: WardLookup = { wardOf: () => undefined };
