import { database } from '$lib/server/db/runtime';
import { publicDirectory } from '$lib/server/orgs/directory';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({ regions: await publicDirectory(database()) });
