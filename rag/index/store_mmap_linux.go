package index

import "syscall"

// mapPopulate fills the page tables when a file is mapped.
const mapPopulate = syscall.MAP_POPULATE
