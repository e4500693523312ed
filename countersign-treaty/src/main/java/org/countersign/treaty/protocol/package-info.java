/**
 * The log's protocol, written once for the server that admits entries and for every observer who
 * replays them: which key speaks for which party ({@link
 * org.countersign.treaty.protocol.KeyRegistry}), who must sign an entry and nobody else ({@link
 * org.countersign.treaty.protocol.SigningRule}), and how entry bytes become a statement ({@link
 * org.countersign.treaty.protocol.EntryDecoder}). A rule broken is an {@link
 * org.countersign.treaty.protocol.EntryRejectedException} naming the {@link
 * org.countersign.treaty.protocol.Violation}.
 *
 * <p>The server's verdict at submission and an auditor's offline verdict are the same because both
 * call this code; nothing here knows of HTTP, storage or the server.
 */
@NullMarked
package org.countersign.treaty.protocol;

import org.jspecify.annotations.NullMarked;
