/** REST bodies of functions (registered job classes), their jobs, and engines' named objects. */
package io.hearth.api.job;
