// Public pages need no script: forms are plain forms, and no hydration data repeats the act's text.
export const csr = false;
