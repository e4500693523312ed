/**
 * The HTTP surface: the C2SP read path, the submission API, the JSON API and the operations
 * endpoints, with one mapping from exceptions to status codes.
 */
@NullMarked
package org.countersign.server.http;

import org.jspecify.annotations.NullMarked;
