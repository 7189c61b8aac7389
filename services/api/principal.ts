// Who a request acts for (issue 15), shared by auth, sessions and accounts.

export type Role = 'clinician' | 'operator';

/** A named account (id = username) or a static token (id = `token:<role>`, all wards). */
export interface Principal { id: string; role: Role; wards: string[] | 'all' }

/** Whether the principal works on the patient's ward; a patient on no known ward is nobody's but 'all'. */
export const seesWard = (p: Principal, ward: string | undefined) => p.wards === 'all' || (ward !== undefined && p.wards.includes(ward));
