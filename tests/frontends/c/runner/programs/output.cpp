// std::cout and std::cerr of a C++ program, attributed to the rank that prints.
#include "test_api.h"
#include <iostream>

int main()
{
    int rank = mpilab_test_rank();
    std::cout << "cout " << rank << std::endl;
    std::cerr << "cerr " << rank << "\n";
    std::cout << "pi " << 3.5 << '\n';
    return 0;
}
