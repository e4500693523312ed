/**
 * C2SP signed notes (<a href="https://c2sp.org/signed-note">signed-note v1.0.0</a>) with Ed25519,
 * byte-compatible with Go's {@code golang.org/x/mod/sumdb/note}.
 *
 * <p>A note is UTF-8 text ending in a newline, a blank line, and one or more signature lines {@code
 * "— <key name> <base64(key id || signature)>\n"}. The entry point for readers is {@link
 * org.countersign.log.note.Note#open Note.open}, which parses and verifies in one step and returns
 * a {@link org.countersign.log.note.VerifiedNote} or throws: there is no way to obtain the text of
 * a note without either a verified signature or an exception that says none was found.
 *
 * <p>Keys come in the text forms shared with Go: {@link org.countersign.log.note.VerifierKey}
 * ({@code name+hex8+base64(type || public key)}) and {@link org.countersign.log.note.SignerKey}
 * ({@code PRIVATE+KEY+name+hex8+base64(0x01 || seed)}). Cryptography is the JDK's Ed25519 (RFC
 * 8032); this package has no other dependency.
 */
@NullMarked
package org.countersign.log.note;

import org.jspecify.annotations.NullMarked;
