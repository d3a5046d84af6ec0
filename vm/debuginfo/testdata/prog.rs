// A Rust program for vm/debuginfo's tests: its line table and functions,
// built with -g.
struct Point {
    x: i32,
    y: i32,
}

#[inline(never)]
fn manhattan(p: &Point) -> i32 {
    p.x.abs() + p.y.abs() // MANHATTAN
}

fn main() {
    let p = Point { x: 3, y: -4 };
    let d = manhattan(&p);
    println!("{}", d);
}
