import { database } from '$lib/server/db/runtime';
import { publicTree } from '$lib/server/public/directory';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({ regions: await publicTree(database()) });
