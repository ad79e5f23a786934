/** The caller's identity as the gateway sees it. */
package io.hearth.api.auth;
