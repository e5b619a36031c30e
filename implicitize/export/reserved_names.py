"""Names each export target reserves; a coordinate or parameter must not be spelled as one of them.

Singular's list is its own ``reservedNameList()`` (Singular 4.3); every kernel command and type name
there is refused as a ring variable. Macaulay2's are its keywords and every identifier its ``Core``
package binds (:data:`~implicitize.export.macaulay2_core_names.CORE_NAMES`, generated from Macaulay2 itself),
so a ring variable never shadows a name the script or the reader's session relies on. SMT-LIB's are the reserved
words of the SMT-LIB 2.6 standard and the symbols of its Core and Reals theories.
"""

from __future__ import annotations

from implicitize.export.macaulay2_core_names import CORE_NAMES

SINGULAR = frozenset(
    """
ASSUME ERROR GCD IN LIB NF RETURN TRACE alias align and apply attrib bareiss betti bigint bigintmat
bracket branchTo break breakpoint char char_series charstr chinrem cleardenom close coef coeffs
continue contract convhull cring dbprint def defined deg degBound degree delete denominator det diff
dim div division dump echo eliminate else envelope eval example execute exit export exportto extgcd
facstd factmodd factorize farey fetch fglm fglmquot find finduni for forif freemodule fres frwalk
gcd gen getdump help highcorner hilb homog hres ideal if imap impart importfrom indepSet insert int
interpolation interred intersect intmat intvec jacob janet jet kbase keepring kernel kill killattrib
koszul kres laguerre lead leadcoef leadexp leadmonom lift liftstd link list listvar load lres
ludecomp luinverse lusolve map matrix maxideal memory minbase minor minpoly minres mod module modulo
monitor monomial mpresmat mres mstd mult multBound multiplicity nameof names nc_algebra ncalgebra
ncols newline newstruct noether not npars nres nrows number numerator nvars open oppose opposite
option or ord ordstr package pagewidth par parameter pardeg parstr pause poly polyBucket preimage
prime primefactors print printlevel proc prune pyobject qhweight qrds qring quit quote quotient
random rank read reduce regularity repart reservedName reservedNameList resolution restart resultant
return rightstd ring ring_list ringlist rtimer rvar sba setring short simplex simplify size slimgb
smatrix sortvec sqrfree sres status std string subst system syz tensor test timer trace transpose
twostd type typeof univariate uressolve vandermonde var variables varstr vdim vector verbose voice
waitall waitfirst wedge weight while whileif write
""".split()
)

MACAULAY2 = CORE_NAMES | frozenset(
    """
and break catch continue do else elapsedTime elapsedTiming for from global if in list local new not
of or return shield step symbol then threadVariable throw time timing to try when while xor QQ ZZ RR
CC ideal ring map gens vars matrix sin cos exp log pi ii
""".split()
)

SMTLIB = frozenset(
    """
true false not and or xor ite distinct let forall exists match par as Bool Real Int to_real to_int
is_int abs div mod NUMERAL DECIMAL STRING BINARY HEXADECIMAL
""".split()
)
