import { debuglog } from 'node:util';

/** Debug output, silent unless `NODE_DEBUG` includes `lambda-http`. */
export const debug = debuglog('lambda-http');
