import Batten
print(BattenVersion.current)
