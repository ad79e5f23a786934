/** REST bodies of API tokens: bearer tokens a user creates for scripts and services, shown once, stored hashed. */
package io.hearth.api.token;
