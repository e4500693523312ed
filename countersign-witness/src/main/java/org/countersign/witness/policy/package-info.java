/**
 * Witness policies in the C2SP tlog-policy format, and the {@link
 * org.countersign.witness.policy.CosignedCheckpoint} type that only a satisfied policy creates.
 */
@NullMarked
package org.countersign.witness.policy;

import org.jspecify.annotations.NullMarked;
