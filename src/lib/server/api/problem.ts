import { problemTitles, type ProblemStatus } from '../../api/labels';

export const PROBLEM_TYPE = 'application/problem+json';

/** A query parameter the request got wrong, named for the client (RFC 9457 §3.2 extension member). */
export interface InvalidParam {
	name: string;
	reason: string;
}

/** RFC 9457 problem details: `about:blank` with the status's Russian title and a detail saying what to do. */
export interface ProblemBody {
	type: 'about:blank';
	title: string;
	status: ProblemStatus;
	detail: string;
	instance?: string;
	invalidParams?: InvalidParam[];
}

/** Thrown by the API's business code; the HTTP layer answers it as `application/problem+json`. */
export class ApiProblem extends Error {
	constructor(
		readonly status: ProblemStatus,
		readonly detail: string,
		readonly invalidParams?: InvalidParam[],
		readonly headers: Record<string, string> = {}
	) {
		super(detail);
	}

	body(instance?: string): ProblemBody {
		return {
			type: 'about:blank',
			title: problemTitles[this.status],
			status: this.status,
			detail: this.detail,
			...(instance ? { instance } : {}),
			...(this.invalidParams ? { invalidParams: this.invalidParams } : {})
		};
	}
}

/** A 400 naming the parameter at fault. */
export const badParam = (name: string, reason: string) =>
	new ApiProblem(400, reason, [{ name, reason }]);
