import type { Session, User } from '$lib/server/db/schema';
import type { Actor } from '$lib/server/auth/permissions';

declare global {
	namespace App {
		interface Locals {
			user: User | null;
			session: Session | null;
			actor: Actor | null;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
