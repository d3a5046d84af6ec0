;; bigmemory: asks for all 65536 pages (4 GiB) at once.
(module (memory 65536) (func (export "_start")))
